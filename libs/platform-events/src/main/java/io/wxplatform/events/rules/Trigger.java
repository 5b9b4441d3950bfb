package io.wxplatform.events.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.wxplatform.wechat.protocol.ClickEvent;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What makes a {@link ReplyRule} fire. JSON: {@code {"type": "KEYWORD_EXACT", "keyword": "…"}} and so on. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Trigger.KeywordExact.class, name = "KEYWORD_EXACT"),
    @JsonSubTypes.Type(value = Trigger.KeywordContains.class, name = "KEYWORD_CONTAINS"),
    @JsonSubTypes.Type(value = Trigger.KeywordRegex.class, name = "KEYWORD_REGEX"),
    @JsonSubTypes.Type(value = Trigger.Subscribe.class, name = "SUBSCRIBE"),
    @JsonSubTypes.Type(value = Trigger.MenuClick.class, name = "MENU_CLICK"),
    @JsonSubTypes.Type(value = Trigger.Default.class, name = "DEFAULT")
})
public sealed interface Trigger {

    /** Longest keyword; WeChat's own keyword rules allow 30 characters, a little slack costs nothing. */
    int MAX_KEYWORD = 60;
    /** Longest regular expression. */
    int MAX_PATTERN = 200;
    /** Only this much of a follower's text is searched, so no pattern can spend long on a huge message. */
    int MAX_REGEX_INPUT = 2048;
    /** WeChat's limit for a menu button key (128 bytes). */
    int MAX_EVENT_KEY = 128;

    boolean matches(InboundMessage message);

    /** The follower's text, stripped, equals the keyword. */
    record KeywordExact(String keyword) implements Trigger {
        public KeywordExact {
            keyword = requireText(keyword, "keyword", MAX_KEYWORD);
        }

        @Override
        public boolean matches(InboundMessage message) {
            return message instanceof TextMessage text
                    && text.content() != null
                    && text.content().strip().equals(keyword);
        }
    }

    /** The follower's text contains the keyword. */
    record KeywordContains(String keyword) implements Trigger {
        public KeywordContains {
            keyword = requireText(keyword, "keyword", MAX_KEYWORD);
        }

        @Override
        public boolean matches(InboundMessage message) {
            return message instanceof TextMessage text
                    && text.content() != null
                    && text.content().contains(keyword);
        }
    }

    /**
     * The pattern is found in the first {@value #MAX_REGEX_INPUT} characters of the follower's text, within a budget
     * of characters read (a pattern that backtracks past it counts as no match). A class rather
     * than a record so the pattern is compiled once, when the rule set is read, not per message.
     */
    final class KeywordRegex implements Trigger {

        private final String pattern;
        private final Pattern compiled;

        /** @throws IllegalArgumentException when the pattern is blank, too long or does not compile */
        @JsonCreator
        public KeywordRegex(@JsonProperty("pattern") String pattern) {
            this.pattern = requireText(pattern, "pattern", MAX_PATTERN);
            try {
                this.compiled = Pattern.compile(this.pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern does not compile: " + e.getDescription(), e);
            }
        }

        @JsonProperty("pattern")
        public String pattern() {
            return pattern;
        }

        @Override
        public boolean matches(InboundMessage message) {
            if (!(message instanceof TextMessage text) || text.content() == null) {
                return false;
            }
            String content = text.content();
            String input = content.length() <= MAX_REGEX_INPUT ? content : content.substring(0, MAX_REGEX_INPUT);
            try {
                return compiled.matcher(new BoundedInput(input)).find();
            } catch (BoundedInput.BudgetExceeded | StackOverflowError e) {
                // A pattern that cannot decide in time is no match; the message still gets the other rules.
                return false;
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeywordRegex regex && regex.pattern.equals(pattern);
        }

        @Override
        public int hashCode() {
            return pattern.hashCode();
        }

        @Override
        public String toString() {
            return "KeywordRegex[pattern=" + pattern + "]";
        }
    }

    /** A new follower (any subscribe, parametric QR codes included). */
    record Subscribe() implements Trigger {
        @Override
        public boolean matches(InboundMessage message) {
            return message instanceof SubscribeEvent;
        }
    }

    /** A click on the menu button with this key. */
    record MenuClick(String eventKey) implements Trigger {
        public MenuClick {
            eventKey = requireText(eventKey, "eventKey", MAX_EVENT_KEY);
        }

        @Override
        public boolean matches(InboundMessage message) {
            return message instanceof ClickEvent click && eventKey.equals(click.eventKey());
        }
    }

    /** A follower's text no other rule matched; {@link ReplyRuleSet#match} tries it last. */
    record Default() implements Trigger {
        @Override
        public boolean matches(InboundMessage message) {
            return message instanceof TextMessage;
        }
    }

    private static String requireText(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
