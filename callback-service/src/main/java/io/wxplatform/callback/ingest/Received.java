package io.wxplatform.callback.ingest;

import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A verified and parsed callback: the event to make durable, and what its answer will need. */
sealed interface Received {

    String eventId();

    /** The Kafka record that makes it durable. */
    ProducerRecord<String, byte[]> record();

    /** The account, or the component, that {@code wx.callback.received} counts it for. */
    String meteredAppId();

    /** The {@code msgType} tag of {@code wx.callback.received}. */
    String meteredType();

    /** A follower's message or event, answered with a passive reply sealed as the callback came. */
    record FollowerMessage(InboundEvent event, Credentials credentials, OpenedCallback callback) implements Received {

        @Override
        public String eventId() {
            return event.eventId();
        }

        @Override
        public ProducerRecord<String, byte[]> record() {
            return EventRecords.inbound(event);
        }

        @Override
        public String meteredAppId() {
            return event.appId();
        }

        @Override
        public String meteredType() {
            return event.msgType();
        }
    }

    /** A push to the component's authorization event URL, answered {@code success}. */
    record Push(ComponentEvent event) implements Received {

        @Override
        public String eventId() {
            return event.eventId();
        }

        @Override
        public ProducerRecord<String, byte[]> record() {
            return EventRecords.component(event);
        }

        @Override
        public String meteredAppId() {
            return event.componentAppId();
        }

        @Override
        public String meteredType() {
            return "component." + event.infoType();
        }
    }
}
