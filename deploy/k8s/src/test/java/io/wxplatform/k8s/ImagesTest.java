package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The images profile (Jib, issue 17 point 3) as far as it can be checked without a registry: what it builds, from
 * which base, as which user and under which name, and that the manifests run exactly those images as that user.
 */
class ImagesTest {

    static final XPath XPATH = XPathFactory.newInstance().newXPath();
    static final String JIB =
            "/project/profiles/profile[id='images']/build/plugins/plugin[artifactId='jib-maven-plugin']";

    static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    static String text(Document pom, String path) throws Exception {
        return XPATH.evaluate(path, pom).trim();
    }

    @Test
    void theProfileBuildsTheFiveServicesFromAMaintainedJreAsANonRootUser() throws Exception {
        Document root = pom(Manifests.PROJECT.resolve("pom.xml"));
        assertThat(text(root, "/project/properties/jib-maven-plugin.version")).isEqualTo("3.5.2");
        assertThat(text(root, JIB + "/version")).isEqualTo("${jib-maven-plugin.version}");
        assertThat(text(root, JIB + "/configuration/from/image")).isEqualTo("eclipse-temurin:17-jre");
        assertThat(text(root, JIB + "/configuration/to/image"))
                .isEqualTo("${image.registry}/${project.artifactId}:${project.version}");
        assertThat(text(root, JIB + "/executions/execution/phase")).isEqualTo("package");
        assertThat(text(root, JIB + "/executions/execution/goals/goal")).isEqualTo("build");
        // Every module skips unless it says otherwise; exactly the five services do.
        assertThat(text(root, JIB + "/configuration/skip")).isEqualTo("${jib.skip}");
        assertThat(text(root, "/project/properties/jib.skip")).isEqualTo("true");
        NodeList modules = (NodeList) XPATH.evaluate("/project/modules/module", root, XPathConstants.NODESET);
        assertThat(modules.getLength()).isGreaterThan(Manifests.SERVICES.size());
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            Document modulePom = pom(Manifests.PROJECT.resolve(module).resolve("pom.xml"));
            String skip = text(modulePom, "/project/properties/jib.skip");
            assertThat(skip).as(module).isEqualTo(Manifests.SERVICES.contains(module) ? "false" : "");
        }
        for (String service : Manifests.SERVICES) {
            assertThat(text(pom(Manifests.PROJECT.resolve(service).resolve("pom.xml")), "/project/artifactId"))
                    .isEqualTo(service);
        }
    }

    @Test
    void theManifestsRunThoseImagesAsTheImagesUser() throws Exception {
        Document root = pom(Manifests.PROJECT.resolve("pom.xml"));
        String[] user = text(root, JIB + "/configuration/container/user").split(":");
        long uid = Long.parseLong(user[0]);
        assertThat(uid).isPositive();
        String registry = text(root, "/project/properties/image.registry");
        String version = text(root, "/project/version");
        for (String service : Manifests.SERVICES) {
            Deployment deployment = Manifests.one(Manifests.under("base"), Deployment.class, service);
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(Long.parseLong(user[1]));
            String image = pod.getContainers().get(0).getImage();
            assertThat(image).isEqualTo("wxplatform/" + service + ":" + version);
            for (String overlay : List.of("dev", "prod")) {
                JsonNode images = OverlaysTest.kustomization(overlay).path("images");
                JsonNode entry = null;
                for (JsonNode candidate : images) {
                    if (candidate.path("name").asText().equals("wxplatform/" + service)) {
                        entry = candidate;
                    }
                }
                assertThat(entry).as(overlay + " image of " + service).isNotNull();
                assertThat(entry.path("newName").asText()).isEqualTo(registry + "/" + service);
                assertThat(entry.path("newTag").asText()).isEqualTo(version);
            }
        }
    }
}
