package io.wxplatform.gateway.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Removes headers that only our own services may set (they carry identity between services), so a client cannot
 * smuggle them through the edge. Declared as {@code StripInternalHeaders} in the default filters.
 */
@Component
public class StripInternalHeadersGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StripInternalHeadersGatewayFilterFactory.Config> {

    public StripInternalHeadersGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        return (exchange, chain) -> chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> strip(headers, config)))
                .build());
    }

    static void strip(HttpHeaders headers, Config config) {
        List<String> present = new ArrayList<>(headers.headerNames());
        for (String name : present) {
            if (isInternal(name, config)) {
                headers.remove(name);
            }
        }
    }

    private static boolean isInternal(String name, Config config) {
        String lower = name.toLowerCase(Locale.ROOT);
        return config.getNames().stream().anyMatch(n -> n.equalsIgnoreCase(name))
                || config.getPrefixes().stream().anyMatch(p -> lower.startsWith(p.toLowerCase(Locale.ROOT)));
    }

    public static class Config {
        private List<String> prefixes = List.of();
        private List<String> names = List.of();

        public List<String> getPrefixes() {
            return prefixes;
        }

        public Config setPrefixes(List<String> prefixes) {
            this.prefixes = List.copyOf(prefixes);
            return this;
        }

        public List<String> getNames() {
            return names;
        }

        public Config setNames(List<String> names) {
            this.names = List.copyOf(names);
            return this;
        }
    }
}
