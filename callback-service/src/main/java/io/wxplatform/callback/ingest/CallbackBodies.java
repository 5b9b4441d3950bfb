package io.wxplatform.callback.ingest;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/** Reads a callback body as UTF-8, refusing anything larger than the limit without buffering more than the limit. */
final class CallbackBodies {

    private final int maxBytes;

    CallbackBodies(DataSize maxBodySize) {
        this.maxBytes = Math.toIntExact(maxBodySize.toBytes());
    }

    Mono<String> read(ServerHttpRequest request) {
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(CallbackRejection.of(RejectReason.BODY_TOO_LARGE));
        }
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(CallbackBodies::utf8)
                .onErrorMap(DataBufferLimitException.class, e -> CallbackRejection.of(RejectReason.BODY_TOO_LARGE))
                .defaultIfEmpty("");
    }

    private static String utf8(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
