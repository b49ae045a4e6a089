"""Booking: rules, availability, requests with approval, usage log, calendars, notifications."""
