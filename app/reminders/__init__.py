"""Reminder e-mails: each person's digest of their follow-ups and tomorrow's meetings, and the administrators' weekly
digest of every overdue follow-up, sent by ``flask reminders send`` (run daily by cron or a systemd timer)."""
