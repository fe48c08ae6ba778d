"""Review dates: calendar months from python-dateutil (the 31st plus one month is the last day
of the next month)."""

import datetime

from dateutil.relativedelta import relativedelta


def add_months(day: datetime.date, months: int) -> datetime.date:
    return day + relativedelta(months=months)
