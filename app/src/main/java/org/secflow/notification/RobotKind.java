package org.secflow.notification;

/** Message formats of group robots: the two chat platforms' presets and a signed generic JSON webhook. */
public enum RobotKind {
    /** 企业微信群机器人: markdown message to the robot's webhook URL (the key is in the URL). */
    WECOM,
    /** 钉钉群机器人: markdown message; with a secret the URL is signed (timestamp + HMAC-SHA256 sign). */
    DINGTALK,
    /** Any other receiver (SMS gateway, 粤政易 bridge): our JSON, signed with HMAC-SHA256 in a header. */
    GENERIC
}
