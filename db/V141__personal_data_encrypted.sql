-- Personal data at rest SM4-encrypted by the application (GB/T 22239—2019 8.1.4.8): the columns hold
-- "SM4:<key id>:<Base64>" now, longer than the clear text. Rows written before are encrypted at start-up
-- (PersonalDataEncryption). Such columns are not searched or sorted in SQL.
ALTER TABLE ticket MODIFY contact_person VARCHAR(1024) NOT NULL;
ALTER TABLE ticket MODIFY contact_info VARCHAR(1024) NOT NULL;
ALTER TABLE notice MODIFY reporter VARCHAR(1024) NOT NULL;
