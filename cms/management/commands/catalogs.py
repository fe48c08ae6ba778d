from django.core.management.base import BaseCommand, CommandError

from cms import catalogs


class Command(BaseCommand):
    help = "Interface catalogs with Babel (no GNU gettext): update, check or compile."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "check", "compile"])

    def handle(self, *args, action, **options):
        if action == "update":
            for line in catalogs.update():
                self.stdout.write(line)
        elif action == "compile":
            for path in catalogs.compile_all():
                self.stdout.write(f"compiled {path}")
        else:
            problems = catalogs.check()
            for problem in problems:
                self.stderr.write(f"{problem.code}: {problem.kind}: {problem.message}")
            if problems:
                raise CommandError(
                    f"{len(problems)} catalog problem(s). Run `manage.py catalogs update`, translate, and commit."
                )
            self.stdout.write(self.style.SUCCESS("Catalogs are complete and up to date."))
