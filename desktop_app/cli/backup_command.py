"""``banjar-enroll backup list | restore [BACKUP]``: the daily backups of the laptop's database.

Both work on a damaged database (they never open it): ``restore`` is what the refusal at start
tells the officer to run. The replaced file is kept beside the database, renamed, never deleted.
"""

import argparse
from datetime import date, datetime
from pathlib import Path

from desktop_app.cli.context import CommandContext, CommandError
from desktop_app.domain.messages import Text
from desktop_app.store.backups import Backup, BackupFailed, list_backups, restore_backup
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.search import EnrollmentQuery, count_enrollments


def add_parser(commands: argparse._SubParsersAction, parents: list) -> None:
    backup = commands.add_parser(
        "backup", parents=parents,
        help="list or restore the daily backups of the database (the last seven are kept)")
    actions = backup.add_subparsers(dest="backup_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=parents, help="the backups, newest first")
    listing.set_defaults(handler=run_list)
    restore = actions.add_parser(
        "restore", parents=parents,
        help="put a backup in place of the database (close the application first); the "
             "replaced file is kept beside it, renamed")
    restore.add_argument("backup", nargs="?", metavar="BACKUP",
                         help="a backup file or its day (YYYY-MM-DD); default: the newest")
    restore.set_defaults(handler=run_restore)


def _database(context: CommandContext) -> Path:
    return context.data_dir / DATABASE_FILE


def _backup_json(backup: Backup) -> dict:
    return {"day": backup.day.isoformat(), "file": str(backup.path), "bytes": backup.size}


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    backups = list_backups(_database(context))
    if context.json_output:
        context.print_json({"backups": [_backup_json(b) for b in backups]})
        return 0
    if not backups:
        print(context.say(Text("belum ada cadangan", "no backup yet")))
    for backup in backups:
        print(f"{backup.day}  {backup.path}  ({backup.size / 1_000_000:,.1f} MB)")
    return 0


def _chosen(args: argparse.Namespace, context: CommandContext) -> Path:
    backups = list_backups(_database(context))
    if args.backup is None:
        if not backups:
            raise CommandError(context.say(Text(
                f"belum ada cadangan di {context.data_dir / 'backups'}; serahkan berkas "
                f"{_database(context)} ke kantor",
                f"there is no backup in {context.data_dir / 'backups'}; hand the file "
                f"{_database(context)} to the office")))
        return backups[0].path
    try:
        day = date.fromisoformat(args.backup)
    except ValueError:
        path = Path(args.backup)
        if not path.is_file():
            raise CommandError(context.say(Text(
                f"cadangan {args.backup} tidak ada; lihat: banjar-enroll backup list",
                f"no backup {args.backup}; see: banjar-enroll backup list"))) from None
        return path
    for backup in backups:
        if backup.day == day:
            return backup.path
    raise CommandError(context.say(Text(
        f"tidak ada cadangan tanggal {day}; lihat: banjar-enroll backup list",
        f"no backup of {day}; see: banjar-enroll backup list")))


def run_restore(args: argparse.Namespace, context: CommandContext) -> int:
    chosen = _chosen(args, context)
    database = _database(context)
    try:
        kept = restore_backup(database, chosen, now=datetime.now())
    except BackupFailed as failure:
        raise CommandError(context.say(Text(
            f"cadangan {chosen} tidak dapat dipakai ({failure.problem}); pilih yang lebih "
            "lama (banjar-enroll backup list); basis data tidak diubah",
            f"the backup {chosen} cannot be used ({failure.problem}); choose an older one "
            "(banjar-enroll backup list); the database was not changed"))) from None
    engine = open_database(context.data_dir)  # migrated, checked: it works again
    records = count_enrollments(engine, EnrollmentQuery())
    engine.dispose()
    if context.json_output:
        context.print_json({"restored": str(chosen), "database": str(database),
                            "records": records, "kept_aside": [str(p) for p in kept]})
        return 0
    print(context.say(Text(f"{database} dipulihkan dari {chosen}: {records} pendaftaran",
                           f"{database} restored from {chosen}: {records} enrollments")))
    for path in kept:
        print(context.say(Text(f"berkas lama disimpan sebagai {path} (tidak dihapus): serahkan ke "
                               "kantor bila berisi pendaftaran sesudah tanggal cadangan",
                               f"the old file is kept as {path} (not deleted): hand it to the "
                               "office if it holds enrollments made after the backup's day")))
    return 0
