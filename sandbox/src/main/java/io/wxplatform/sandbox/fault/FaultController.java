package io.wxplatform.sandbox.fault;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /sandbox/faults}: make WeChat slow, busy, out of quota or unresponsive for chosen APIs. */
@RestController
@RequestMapping("/sandbox/faults")
class FaultController {

    private static final long DEFAULT_TIMEOUT_MS = 60_000;

    private final Faults faults;

    FaultController(Faults faults) {
        this.faults = faults;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Fault add(@RequestBody FaultRequest request) {
        if (request.api() == null || request.api().isBlank() || request.kind() == null) {
            throw SandboxProblem.badRequest(
                    "api and kind (LATENCY, SYSTEM_BUSY, QUOTA, TIMEOUT, LATE_ANSWER) are required");
        }
        if (request.count() != null && request.count() < 1) {
            throw SandboxProblem.badRequest("count must be 1 or more (omit it for every call)");
        }
        long latency = request.latencyMs() != null
                ? request.latencyMs()
                : request.kind() == Fault.Kind.TIMEOUT ? DEFAULT_TIMEOUT_MS : 0;
        if (latency < 0 || latency > 300_000) {
            throw SandboxProblem.badRequest("latencyMs must be 0-300000");
        }
        String api =
                request.api().startsWith("/cgi-bin/") ? request.api().substring("/cgi-bin/".length()) : request.api();
        Fault fault = new Fault(api, request.kind(), latency, request.count() == null ? -1 : request.count());
        faults.add(fault);
        return fault;
    }

    @GetMapping
    List<Fault> list() {
        return faults.list();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        faults.reset();
    }
}
