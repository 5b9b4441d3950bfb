package io.wxplatform.token;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

public final class MongoErrors {

    private MongoErrors() {
    }

    /** An insert lost against an existing {@code _id} or unique key: the caller's "already exists" case. */
    public static boolean isDuplicateKey(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
