package io.wxplatform.callback.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The URLs registered with WeChat: {@code /wx/{appId}/callback} for direct accounts, the component's message URL
 * ({@code $APPID$} form) for authorized accounts, and the component's authorization event URL.
 */
@Configuration(proxyBeanMethods = false)
class CallbackRoutes {

    static final String CALLBACK = "/wx/{appId}/callback";
    static final String AUTHORIZED_CALLBACK = "/wx/component/{componentAppId}/{appId}/callback";
    static final String COMPONENT_PUSH = "/wx/component/{componentAppId}/auth";

    @Bean
    RouterFunction<ServerResponse> callbackRouter(CallbackHandler handler, ComponentPushHandler pushes) {
        return RouterFunctions.route()
                .GET(CALLBACK, handler::verifyUrl)
                .POST(CALLBACK, handler::receive)
                .POST(AUTHORIZED_CALLBACK, handler::receiveForComponent)
                .POST(COMPONENT_PUSH, pushes::receive)
                .build();
    }
}
