package io.wxplatform.sandbox.fault;

import io.wxplatform.sandbox.web.Resettable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The injected faults, first added first applied; each call takes at most one. */
@Component
public class Faults implements Resettable {

    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(Fault fault) {
        faults.add(fault);
    }

    synchronized List<Fault> list() {
        return List.copyOf(faults);
    }

    /** The fault this call of {@code api} suffers, if any, counting it down. */
    synchronized Optional<Fault> take(String api) {
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            if (fault.matches(api)) {
                Fault used = fault.used();
                if (used.remaining() == 0) {
                    faults.remove(i);
                } else {
                    faults.set(i, used);
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void reset() {
        faults.clear();
    }
}
