package io.wxplatform.events.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.wxplatform.wechat.protocol.ClickEvent;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.VoiceMessage;
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
    /** What WeChat's speech recognition puts at the end of a sentence. */
    Pattern CLOSING_PUNCTUATION = Pattern.compile("[。．.！!？?，,、；;\\s]+$");

    boolean matches(InboundMessage message);

    /**
     * The follower's text, stripped, equals the keyword; with {@code matchVoiceRecognition}, so does a voice
     * message's recognition text (its closing punctuation dropped: WeChat ends a recognised sentence with one).
     */
    record KeywordExact(String keyword, boolean matchVoiceRecognition) implements Trigger {
        public KeywordExact {
            keyword = requireText(keyword, "keyword", MAX_KEYWORD);
        }

        public KeywordExact(String keyword) {
            this(keyword, false);
        }

        /** A set written before voice matching existed has no flag: text only. */
        @JsonCreator
        private static KeywordExact fromJson(
                @JsonProperty("keyword") String keyword,
                @JsonProperty("matchVoiceRecognition") Boolean matchVoiceRecognition) {
            return new KeywordExact(keyword, Boolean.TRUE.equals(matchVoiceRecognition));
        }

        @Override
        public boolean matches(InboundMessage message) {
            String text = textOf(message, matchVoiceRecognition);
            return text != null && text.strip().equals(keyword);
        }
    }

    /** The follower's text (or, opted in, a voice message's recognition text) contains the keyword. */
    record KeywordContains(String keyword, boolean matchVoiceRecognition) implements Trigger {
        public KeywordContains {
            keyword = requireText(keyword, "keyword", MAX_KEYWORD);
        }

        public KeywordContains(String keyword) {
            this(keyword, false);
        }

        /** A set written before voice matching existed has no flag: text only. */
        @JsonCreator
        private static KeywordContains fromJson(
                @JsonProperty("keyword") String keyword,
                @JsonProperty("matchVoiceRecognition") Boolean matchVoiceRecognition) {
            return new KeywordContains(keyword, Boolean.TRUE.equals(matchVoiceRecognition));
        }

        @Override
        public boolean matches(InboundMessage message) {
            String text = textOf(message, matchVoiceRecognition);
            return text != null && text.contains(keyword);
        }
    }

    /**
     * The pattern is found in the first {@value #MAX_REGEX_INPUT} characters of the follower's text (or, opted in, a
     * voice message's recognition text), within a budget of characters read (a pattern that backtracks past it
     * counts as no match). A class rather than a record so the pattern is compiled once, when the rule set is read,
     * not per message.
     */
    final class KeywordRegex implements Trigger {

        private final String pattern;
        private final boolean matchVoiceRecognition;
        private final Pattern compiled;

        public KeywordRegex(String pattern) {
            this(pattern, false);
        }

        /** @throws IllegalArgumentException when the pattern is blank, too long or does not compile */
        public KeywordRegex(String pattern, boolean matchVoiceRecognition) {
            this.pattern = requireText(pattern, "pattern", MAX_PATTERN);
            this.matchVoiceRecognition = matchVoiceRecognition;
            try {
                this.compiled = Pattern.compile(this.pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern does not compile: " + e.getDescription(), e);
            }
        }

        /** A set written before voice matching existed has no flag: text only. */
        @JsonCreator
        private static KeywordRegex fromJson(
                @JsonProperty("pattern") String pattern,
                @JsonProperty("matchVoiceRecognition") Boolean matchVoiceRecognition) {
            return new KeywordRegex(pattern, Boolean.TRUE.equals(matchVoiceRecognition));
        }

        @JsonProperty("pattern")
        public String pattern() {
            return pattern;
        }

        @JsonProperty("matchVoiceRecognition")
        public boolean matchVoiceRecognition() {
            return matchVoiceRecognition;
        }

        @Override
        public boolean matches(InboundMessage message) {
            String content = textOf(message, matchVoiceRecognition);
            if (content == null) {
                return false;
            }
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
            return other instanceof KeywordRegex regex
                    && regex.pattern.equals(pattern)
                    && regex.matchVoiceRecognition == matchVoiceRecognition;
        }

        @Override
        public int hashCode() {
            return Objects.hash(pattern, matchVoiceRecognition);
        }

        @Override
        public String toString() {
            return "KeywordRegex[pattern=" + pattern + ", matchVoiceRecognition=" + matchVoiceRecognition + "]";
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

    /** Whether the trigger reads text, so it may opt in to voice recognition text. */
    default boolean readsText() {
        return this instanceof KeywordExact || this instanceof KeywordContains || this instanceof KeywordRegex;
    }

    /**
     * The text a keyword trigger reads: a text message's content; with {@code voice}, also a voice message's
     * recognition (WeChat's speech-to-text, present only where the account turned it on) without its closing
     * punctuation. Null for anything else.
     */
    private static String textOf(InboundMessage message, boolean voice) {
        if (message instanceof TextMessage text) {
            return text.content();
        }
        if (voice && message instanceof VoiceMessage spoken && spoken.recognition() != null) {
            return CLOSING_PUNCTUATION.matcher(spoken.recognition().strip()).replaceFirst("");
        }
        return null;
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
