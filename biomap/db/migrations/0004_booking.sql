-- placeholder: replaced by the booking branch at merge
SELECT 1;
