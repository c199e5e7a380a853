package org.secflow.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The first-login page (static/account/): public, its calls carry the person's credentials ({@link AccountController}). */
@Controller
class AccountPage {

    @GetMapping("/account")
    String withoutSlash() {
        return "redirect:/account/";
    }

    @GetMapping("/account/")
    String index() {
        return "forward:/account/index.html";
    }
}
