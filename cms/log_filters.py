"""Nothing a reader types reaches a log: the development server's request log (`django.server`)
and anything else logging a request line drop its query string (search words, topics)."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class WithoutQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("?…", arg) if isinstance(arg, str) else arg for arg in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True
