"""Calendar feeds (iCalendar, RFC 5545): meetings and follow-up due dates for a calendar app to subscribe to."""
