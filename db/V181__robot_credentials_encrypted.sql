-- The group robots' webhook URLs carry their access tokens, and their signing secrets are credentials:
-- both SM4-encrypted at rest by the application like personal data (GB/T 22239—2019 8.1.4.8), so longer.
ALTER TABLE notification_robot MODIFY url VARCHAR(2048) NOT NULL;
ALTER TABLE notification_robot MODIFY secret VARCHAR(512);
