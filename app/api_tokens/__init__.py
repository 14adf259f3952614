"""Personal access tokens: made and revoked by their users, listed for administrators, read by the API."""
