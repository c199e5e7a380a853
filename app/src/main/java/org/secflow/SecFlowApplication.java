package org.secflow;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SecFlowApplication {

    static {
        // Every node reads and writes the engine's timestamps in the zone of the service it runs:
        // Guangzhou. A fixed zone keeps nodes that run on differently configured hosts consistent.
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    }

    public static void main(String[] args) {
        SpringApplication.run(SecFlowApplication.class, args);
    }
}
