package io.wxplatform.messaging.media;

import io.wxplatform.support.web.ApiException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A tenant's multipart upload: the {@code file} part's name and bytes and the form fields. Read only after the
 * caller's tenant access was checked, and never more than {@link #MAX_BYTES} into memory.
 */
record Upload(String filename, byte[] bytes, Map<String, String> fields) {

    /** WeChat's largest upload is a 10 MB video; anything longer is refused without reading it all. */
    static final int MAX_BYTES = 10 * 1024 * 1024;

    String field(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Mono<Upload> read(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(Upload::read);
    }

    private static Mono<Upload> read(MultiValueMap<String, Part> parts) {
        Map<String, String> fields = new HashMap<>();
        parts.forEach((name, values) -> {
            if (!values.isEmpty() && values.get(0) instanceof FormFieldPart field) {
                fields.put(name, field.value());
            }
        });
        if (!(parts.getFirst("file") instanceof FilePart file)) {
            return Mono.error(ApiException.validation(Map.of("file", "a multipart file part named file is required")));
        }
        return DataBufferUtils.join(file.content(), MAX_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(
                        DataBufferLimitException.class,
                        tooBig -> new ApiException(
                                HttpStatus.BAD_REQUEST,
                                "WECHAT_LIMIT",
                                "WeChat takes files of at most " + MAX_BYTES + " bytes"))
                .map(bytes -> new Upload(file.filename(), bytes, Map.copyOf(fields)));
    }
}
