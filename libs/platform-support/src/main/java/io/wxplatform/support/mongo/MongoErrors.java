package io.wxplatform.support.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;

/** How the platform's single-document writes read MongoDB's errors. */
public final class MongoErrors {

    private MongoErrors() {}

    /**
     * An insert, or an upsert's insert, met an existing {@code _id} or unique key: the caller's "already exists" (or
     * "a condition on the existing document did not hold") case. Covers write errors and command errors alike
     * ({@code insertOne} and {@code findOneAndUpdate} report it differently).
     */
    public static boolean isDuplicateKey(Throwable error) {
        return error instanceof MongoException mongo
                && ErrorCategory.fromErrorCode(mongo.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
