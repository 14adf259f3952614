"""The parts of the load test (scripts/load.py) and the crash test (scripts/kill.py): the database the officers
work on, the gunicorn server, an officer at a browser, and the outcome of a run."""
