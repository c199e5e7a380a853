package org.secflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SecFlowApplication {
    public static void main(String[] args) {
        SpringApplication.run(SecFlowApplication.class, args);
    }
}
