package org.secflow.security;

/**
 * Why a person who gave a right password still gets no session (or no API call): answered with the status, a
 * stable code for the login page ({@code PASSWORD_CHANGE_REQUIRED} sends the browser to the first-login page)
 * and a Chinese message.
 */
class LoginRefused extends RuntimeException {

    enum Reason {
        BAD_CREDENTIALS(401, "用户名或密码错误，或账户已被锁定（连续多次失败后须由安全管理员解锁）"),
        TLS_REQUIRED(403, "生产配置只接受经 HTTPS（TLS）的登录，请使用 https:// 地址"),
        ACCOUNT_DISABLED(403, "账户因长期未使用已停用，请联系安全管理员启用"),
        SERVICE_ACCOUNT(403, "服务账户只能以令牌调用接口，不能登录网页"),
        PASSWORD_CHANGE_REQUIRED(403, "首次登录或密码已过期：请先修改密码"),
        SECOND_FACTOR_ENROLMENT_REQUIRED(403, "请先绑定动态口令（第二因子）"),
        SECOND_FACTOR_REQUIRED(401, "请输入动态口令（6 位数字）或恢复码"),
        SECOND_FACTOR_INVALID(401, "动态口令或恢复码不正确或已使用过"),
        BASIC_NOT_FOR_PERSONS(401, "已启用第二因子的人员账户不能以 HTTP Basic 调用接口：请登录网页，其他系统请使用服务账户令牌");

        final int status;
        final String message;

        Reason(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private final Reason reason;

    LoginRefused(Reason reason) {
        super(reason.message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    int status() {
        return reason.status;
    }

    String code() {
        return reason.name();
    }
}
