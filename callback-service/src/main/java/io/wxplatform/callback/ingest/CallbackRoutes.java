package io.wxplatform.callback.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The URL an account registers with WeChat: {@code /wx/{appId}/callback}. */
@Configuration(proxyBeanMethods = false)
class CallbackRoutes {

    static final String CALLBACK = "/wx/{appId}/callback";

    @Bean
    RouterFunction<ServerResponse> callbackRouter(CallbackHandler handler) {
        return RouterFunctions.route()
                .GET(CALLBACK, handler::verifyUrl)
                .POST(CALLBACK, handler::receive)
                .build();
    }
}
