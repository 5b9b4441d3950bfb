package io.wxplatform.user.qrcode;

/**
 * A code to create: {@code kind} TEMPORARY (with {@code expireSeconds}, at most 30 days) or PERMANENT, and either a
 * numeric {@code sceneId} or a {@code sceneStr}; {@code label} is the tenant's name for it.
 */
record QrCodeRequest(QrCodeView.Kind kind, Long sceneId, String sceneStr, Long expireSeconds, String label) {}
