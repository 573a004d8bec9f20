-- `member otp-issue` asks whether a member holds a secret for a shop before making one.
CREATE INDEX member_otp_secret_member ON member_otp_secret (store_id, member_phone);
