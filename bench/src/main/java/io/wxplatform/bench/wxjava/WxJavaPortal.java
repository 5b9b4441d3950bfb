package io.wxplatform.bench.wxjava;

import io.wxplatform.bench.callback.ReplyRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.mp.api.WxMpMessageRouter;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.config.WxMpConfigStorage;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The peer a WxJava user would write, in the shape of WxJava's own Spring Boot demo: Spring MVC on Tomcat, one
 * {@link WxMpService} holding every account, a {@link WxMpMessageRouter} whose keyword rule gives the same passive
 * reply as the platform's rule. It checks the signature, decrypts, routes and encrypts the reply; unlike
 * callback-service it makes nothing durable. Accounts come from a file: {@code appId TAB secret TAB token TAB aesKey}.
 */
@SpringBootApplication
public class WxJavaPortal {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WxJavaPortal.class);
        // The benchmark's classpath holds WebFlux too; the peer is a servlet application, as WxJava's demo.
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.run(args);
    }

    @Bean
    WxMpService wxMpService(@Value("${bench.accounts-file}") Path accountsFile) throws IOException {
        Map<String, WxMpConfigStorage> configs = new HashMap<>();
        for (String line : Files.readAllLines(accountsFile)) {
            String[] fields = line.split("\t");
            WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
            config.setAppId(fields[0]);
            config.setSecret(fields[1]);
            config.setToken(fields[2]);
            config.setAesKey(fields[3]);
            configs.put(fields[0], config);
        }
        WxMpService service = new WxMpServiceImpl();
        service.setMultiConfigStorages(configs);
        return service;
    }

    @Bean
    WxMpMessageRouter wxMpMessageRouter(WxMpService service) {
        WxMpMessageRouter router = new WxMpMessageRouter(service);
        router.rule()
                .async(false)
                .msgType(WxConsts.XmlMsgType.TEXT)
                .content(ReplyRules.KEYWORD)
                .handler((message, context, mpService, sessions) -> WxMpXmlOutMessage.TEXT()
                        .content(ReplyRules.REPLY)
                        .fromUser(message.getToUser())
                        .toUser(message.getFromUser())
                        .build())
                .end();
        return router;
    }

    /** WxJava demo's portal controller, at the platform's callback path so the same requests reach both. */
    @RestController
    @RequestMapping("/wx/{appId}/callback")
    static class PortalController {

        private final WxMpService service;
        private final WxMpMessageRouter router;

        PortalController(WxMpService service, WxMpMessageRouter router) {
            this.service = service;
            this.router = router;
        }

        @PostMapping(produces = "application/xml; charset=UTF-8")
        String post(
                @PathVariable String appId,
                @RequestBody String body,
                @RequestParam("signature") String signature,
                @RequestParam("timestamp") String timestamp,
                @RequestParam("nonce") String nonce,
                @RequestParam("openid") String openId,
                @RequestParam(name = "encrypt_type", required = false) String encryptType,
                @RequestParam(name = "msg_signature", required = false) String msgSignature) {
            if (!service.switchover(appId)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            if (!service.checkSignature(timestamp, nonce, signature)) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            }
            if (!"aes".equalsIgnoreCase(encryptType)) {
                WxMpXmlOutMessage out = router.route(WxMpXmlMessage.fromXml(body));
                return out == null ? "success" : out.toXml();
            }
            WxMpXmlMessage in = WxMpXmlMessage.fromEncryptedXml(
                    body, service.getWxMpConfigStorage(), timestamp, nonce, msgSignature);
            WxMpXmlOutMessage out = router.route(in);
            return out == null ? "success" : out.toEncryptedXml(service.getWxMpConfigStorage());
        }
    }
}
