"""The daily mail run's jobs (`manage.py send_reminders`): the core's own, and any an app
registers with `register_daily_job(job)`; each is `job(today, out)` and must be safe to run
twice on one day."""

_jobs = []


def register_daily_job(job):
    if job not in _jobs:
        _jobs.append(job)
    return job


def jobs():
    return list(_jobs)
