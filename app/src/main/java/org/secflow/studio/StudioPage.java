package org.secflow.studio;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The studio page (static/studio/): the page itself is public, everything it shows and changes comes from
 * /api/studio with the webapp session of the administrator who logged in on it.
 */
@Controller
class StudioPage {

    @GetMapping("/studio")
    String withoutSlash() {
        return "redirect:/studio/";
    }

    @GetMapping("/studio/")
    String index() {
        return "forward:/studio/index.html";
    }
}
