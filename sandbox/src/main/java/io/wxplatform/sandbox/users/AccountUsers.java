package io.wxplatform.sandbox.users;

import io.wxplatform.sandbox.web.WeChatError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One account's tags, follower profiles and blacklist, with WeChat's rules: at most 100 tags, ids 0, 1 and 2
 * reserved, at most 20 tags per follower, no deleting a tag with more than 100,000 followers. One lock per account.
 */
final class AccountUsers {

    static final int MAX_TAGS = 100;
    static final int MAX_TAGS_PER_FOLLOWER = 20;
    static final int MAX_TAG_NAME = 30;
    static final long DELETE_LIMIT = 100_000;
    private static final int FIRST_TAG_ID = 100;

    private final Map<String, Profile> profiles = new HashMap<>();
    private final TreeMap<Integer, String> tags = new TreeMap<>();
    private final Map<Integer, Long> counts = new HashMap<>();
    private final NavigableSet<String> blacklist = new TreeSet<>();
    private int nextTagId = FIRST_TAG_ID;

    AccountUsers() {
        // WeChat's own tags, present on every account.
        tags.put(2, "星标组");
    }

    synchronized Profile profile(String openId) {
        return profiles.computeIfAbsent(openId, id -> Profile.ordinary());
    }

    synchronized void put(String openId, Profile profile, List<Integer> tagIds) {
        profiles.put(openId, profile);
        for (int tagId : tagIds) {
            if (tags.containsKey(tagId) && profile.tags.add(tagId)) {
                counts.merge(tagId, 1L, Long::sum);
            }
        }
    }

    /** A snapshot of the profile's fields, read under the lock. */
    synchronized Map<String, Object> describe(String openId) {
        Profile p = profile(openId);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("remark", p.remark);
        info.put("tagid_list", List.copyOf(p.tags));
        info.put("subscribe_scene", p.subscribeScene);
        info.put("qr_scene", p.qrScene);
        info.put("qr_scene_str", p.qrSceneStr);
        if (p.unionId != null) {
            info.put("unionid", p.unionId);
        }
        return info;
    }

    synchronized void remark(String openId, String remark) {
        profile(openId).remark = remark;
    }

    synchronized Map.Entry<Integer, String> create(String name) {
        checkName(name, null);
        if (tags.size() >= MAX_TAGS) {
            throw WeChatError.TOO_MANY_TAGS.toException();
        }
        int id = nextTagId++;
        tags.put(id, name);
        return Map.entry(id, name);
    }

    synchronized List<Map<String, Object>> tags() {
        return tags.entrySet().stream()
                .map(tag -> Map.<String, Object>of(
                        "id", tag.getKey(), "name", tag.getValue(), "count", counts.getOrDefault(tag.getKey(), 0L)))
                .toList();
    }

    synchronized void rename(int id, String name) {
        changeable(id);
        checkName(name, id);
        tags.put(id, name);
    }

    synchronized void delete(int id) {
        changeable(id);
        if (counts.getOrDefault(id, 0L) > DELETE_LIMIT) {
            throw WeChatError.TAG_TOO_MANY_FOLLOWERS.toException();
        }
        tags.remove(id);
        counts.remove(id);
        profiles.values().forEach(p -> p.tags.remove(id));
    }

    /** All or nothing, as WeChat: a follower who would exceed 20 tags fails the whole batch. */
    synchronized void tag(int id, List<String> openIds) {
        changeable(id);
        for (String openId : openIds) {
            Profile p = profile(openId);
            if (!p.tags.contains(id) && p.tags.size() >= MAX_TAGS_PER_FOLLOWER) {
                throw WeChatError.FOLLOWER_TOO_MANY_TAGS.toException();
            }
        }
        for (String openId : openIds) {
            if (profile(openId).tags.add(id)) {
                counts.merge(id, 1L, Long::sum);
            }
        }
    }

    synchronized void untag(int id, List<String> openIds) {
        changeable(id);
        for (String openId : openIds) {
            if (profile(openId).tags.remove(id)) {
                counts.merge(id, -1L, Long::sum);
            }
        }
    }

    synchronized List<Integer> tagsOf(String openId) {
        return List.copyOf(profile(openId).tags);
    }

    synchronized boolean hasTag(String openId, int id) {
        Profile p = profiles.get(openId);
        return p != null && p.tags.contains(id);
    }

    synchronized boolean exists(int id) {
        return tags.containsKey(id);
    }

    synchronized List<String> blacklistAfter(String after, int limit) {
        NavigableSet<String> rest = after == null || after.isEmpty() ? blacklist : blacklist.tailSet(after, false);
        return rest.stream().limit(limit).toList();
    }

    synchronized int blacklistSize() {
        return blacklist.size();
    }

    synchronized void block(List<String> openIds) {
        blacklist.addAll(openIds);
    }

    synchronized void unblock(List<String> openIds) {
        openIds.forEach(blacklist::remove);
    }

    private void changeable(int id) {
        if (id == 0 || id == 1 || id == 2) {
            throw WeChatError.RESERVED_TAG.toException();
        }
        if (!tags.containsKey(id)) {
            throw WeChatError.INVALID_TAG.toException();
        }
    }

    private void checkName(String name, Integer self) {
        if (name == null || name.isBlank() || name.length() > MAX_TAG_NAME) {
            throw WeChatError.TAG_NAME_LENGTH.toException();
        }
        for (Map.Entry<Integer, String> tag : tags.entrySet()) {
            if (tag.getValue().equals(name) && !tag.getKey().equals(self)) {
                throw WeChatError.DUPLICATE_TAG_NAME.toException();
            }
        }
    }
}
