package io.wxplatform.events.rules;

/**
 * A text that lets a regex engine read at most a fixed number of characters, then stops it. Bounding the length
 * alone is not enough: {@code (a|a)*b} on 2,048 {@code a}s would backtrack for ever.
 */
final class BoundedInput implements CharSequence {

    /** Roughly a few milliseconds of matching. */
    static final int MAX_READS = 1_000_000;

    private final String text;
    private int reads;

    BoundedInput(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        if (++reads > MAX_READS) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regex matching exceeded its budget", null, false, false);
        }
    }
}
