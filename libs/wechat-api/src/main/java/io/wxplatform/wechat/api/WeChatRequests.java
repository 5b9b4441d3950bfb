package io.wxplatform.wechat.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one request path every domain API goes through: builds the URL, writes the JSON body, reads the JSON answer
 * and turns any failure into a {@link WeChatApiException} whose message contains no credential.
 */
final class WeChatRequests {

    private static final Logger log = LoggerFactory.getLogger(WeChatRequests.class);

    private final WebClient web;
    private final JsonMapper json;
    private final Duration timeout;

    WeChatRequests(WebClient web, JsonMapper json, Duration timeout) {
        this.web = web;
        this.json = json;
        this.timeout = timeout;
    }

    Mono<JsonNode> get(String appId, String path, Map<String, String> query) {
        return exchange(new Call(appId, HttpMethod.GET, path, query, null));
    }

    Mono<JsonNode> post(String appId, String path, Map<String, String> query, Map<String, ?> body) {
        return exchange(new Call(appId, HttpMethod.POST, path, query, body));
    }

    /**
     * As {@link #post}, but WeChat's answer with {@code errcode} {@code answered} is emitted like a success (a refusal
     * whose body still says something, such as the msg_id of a mass send already made: 45065).
     */
    Mono<JsonNode> postAnswering(
            String appId, String path, Map<String, String> query, Map<String, ?> body, int answered) {
        return exchange(new Call(appId, HttpMethod.POST, path, query, body), answered);
    }

    /** A multipart POST (media uploads): {@code parts} as built by Spring's {@code MultipartBodyBuilder}. */
    Mono<JsonNode> upload(
            String appId, String path, Map<String, String> query, MultiValueMap<String, HttpEntity<?>> parts) {
        Call call = new Call(appId, HttpMethod.POST, path, query, null);
        return web.post()
                .uri(builder -> uri(builder, call))
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts))
                .exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> interpret(call, response.statusCode(), body, ErrorCodes.OK)))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof WeChatApiException), error -> transportFailure(call, error))
                .doOnError(WeChatApiException.class, error -> log.debug("{}", error.getMessage()));
    }

    /**
     * A call answered with a file (media/get, material/get_material): the bytes and their content type, up to
     * {@code maxBytes}. A JSON answer is either WeChat's error, raised as usual, or a JSON document (a video's
     * description) handed back as it came.
     */
    Mono<Download> download(String appId, String path, Map<String, String> query, Map<String, ?> body, int maxBytes) {
        Call call = new Call(appId, body == null ? HttpMethod.GET : HttpMethod.POST, path, query, body);
        WebClient.RequestBodySpec request = web.method(call.method()).uri(builder -> uri(builder, call));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(json.writeValueAsBytes(body));
        }
        return request.exchangeToMono(response -> DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), maxBytes)
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .flatMap(bytes -> downloaded(
                                call,
                                response.statusCode(),
                                response.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM),
                                bytes)))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof WeChatApiException), error -> transportFailure(call, error))
                .doOnError(WeChatApiException.class, error -> log.debug("{}", error.getMessage()));
    }

    private Mono<Download> downloaded(Call call, HttpStatusCode status, MediaType type, byte[] bytes) {
        boolean jsonAnswer =
                MediaType.APPLICATION_JSON.isCompatibleWith(type) || MediaType.TEXT_PLAIN.isCompatibleWith(type);
        if (!status.is2xxSuccessful() || jsonAnswer) {
            return interpret(call, status, bytes, ErrorCodes.OK)
                    .map(node -> new Download(MediaType.APPLICATION_JSON_VALUE, bytes));
        }
        return Mono.just(new Download(type.toString(), bytes));
    }

    private static URI uri(UriBuilder builder, Call call) {
        builder.path(call.path());
        call.query().keySet().forEach(key -> builder.queryParam(key, "{" + key + "}"));
        return builder.build(call.query());
    }

    /** A downloaded file, or a JSON document ({@code application/json}) where WeChat answered one. */
    record Download(String contentType, byte[] bytes) {}

    private Mono<JsonNode> exchange(Call call) {
        return exchange(call, ErrorCodes.OK);
    }

    private Mono<JsonNode> exchange(Call call, int answered) {
        WebClient.RequestBodySpec request = web.method(call.method())
                .uri(builder -> {
                    builder.path(call.path());
                    call.query().keySet().forEach(key -> builder.queryParam(key, "{" + key + "}"));
                    return builder.build(call.query());
                })
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN);
        if (call.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(json.writeValueAsBytes(call.body()));
        }
        return request.exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> interpret(call, response.statusCode(), body, answered)))
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof WeChatApiException), error -> transportFailure(call, error))
                .doOnError(WeChatApiException.class, error -> log.debug("{}", error.getMessage()));
    }

    private Mono<JsonNode> interpret(Call call, HttpStatusCode status, byte[] body, int answered) {
        if (status.is5xxServerError()) {
            return Mono.error(failure(call, ErrorCodes.SERVER_ERROR, "HTTP " + status.value()));
        }
        if (!status.is2xxSuccessful()) {
            return Mono.error(failure(call, ErrorCodes.UNEXPECTED_RESPONSE, "HTTP " + status.value()));
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            return Mono.error(failure(call, ErrorCodes.UNEXPECTED_RESPONSE, "body is not JSON"));
        }
        if (node == null || !node.isObject()) {
            return Mono.error(failure(call, ErrorCodes.UNEXPECTED_RESPONSE, "body is not a JSON object"));
        }
        int errcode = node.path("errcode").asInt(ErrorCodes.OK);
        if (errcode != ErrorCodes.OK && errcode != answered) {
            return Mono.error(failure(call, errcode, node.path("errmsg").asString("")));
        }
        return Mono.just(node);
    }

    private WeChatApiException transportFailure(Call call, Throwable error) {
        return failure(call, ErrorCodes.TRANSPORT_FAILURE, TransportFailure.describe(error));
    }

    private WeChatApiException failure(Call call, int errcode, String errmsg) {
        return new WeChatApiException(
                errcode, Redaction.mask(errmsg, call.sensitiveValues()), call.appId(), call.path());
    }

    WeChatApiException unexpected(String appId, String path, String what) {
        return new WeChatApiException(ErrorCodes.UNEXPECTED_RESPONSE, what, appId, path);
    }

    private record Call(String appId, HttpMethod method, String path, Map<String, String> query, Map<String, ?> body) {

        List<String> sensitiveValues() {
            List<String> values = new ArrayList<>();
            query.forEach((key, value) -> {
                if (Redaction.SENSITIVE_KEYS.contains(key)) {
                    values.add(value);
                }
            });
            if (body != null) {
                body.forEach((key, value) -> {
                    if (Redaction.SENSITIVE_KEYS.contains(key) && value instanceof String s) {
                        values.add(s);
                    }
                });
            }
            return values;
        }
    }
}
