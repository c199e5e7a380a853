package org.secflow.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard page (static/dashboard/): public like the auditors' page, its figures come from
 * /api/dashboard with the webapps' session. /dashboard/screen is the same page in 大屏 mode.
 */
@Controller
class DashboardPage {

    @GetMapping("/dashboard")
    String withoutSlash() {
        return "redirect:/dashboard/";
    }

    @GetMapping({"/dashboard/", "/dashboard/screen"})
    String index() {
        return "forward:/dashboard/index.html";
    }
}
