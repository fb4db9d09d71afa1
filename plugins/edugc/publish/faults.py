"""Faults of the machine (a full disk, a read-only folder, a name too long) told in one Korean line.

Staff meet these in a cron mail or a CI notice: what happened, where, and what to do, never a traceback.
"""
from __future__ import annotations

import errno
from typing import TypeGuard

_EXPLAINED = {
    errno.ENOSPC: ("디스크 공간이 모자랍니다", "공간을 비운 뒤 다시 하세요 (df -h로 확인)"),
    errno.EDQUOT: ("디스크 사용 한도(쿼터)를 넘었습니다", "필요 없는 파일을 지우거나 한도를 늘리세요"),
    errno.EROFS: ("읽기 전용 파일 시스템이라 쓸 수 없습니다", "쓸 수 있는 곳을 지정하거나 마운트를 확인하세요"),
    errno.EACCES: ("쓸 권한이 없습니다", "폴더의 소유자와 권한을 확인하세요 (ls -ld, chmod, chown)"),
    errno.EPERM: ("바꿀 수 없는 폴더입니다 (권한 또는 변경 불가 속성)",
                  "폴더 권한과 변경 불가 속성을 확인하세요 (lsattr, chattr -i)"),
    errno.ENAMETOOLONG: ("파일 이름이 너무 깁니다", "글의 파일 이름이나 slug를 짧게 고치세요"),
    errno.EMFILE: ("열린 파일이 너무 많습니다", "잠시 뒤 다시 하거나 ulimit -n을 늘리세요"),
    errno.ENOTDIR: ("폴더가 있어야 할 자리에 파일이 있습니다", "출력 폴더 경로(-d, --to)를 확인하세요"),
    errno.EIO: ("디스크 입출력 오류가 났습니다", "디스크 상태를 확인하세요"),
}


def explain(err: OSError, doing: str) -> str:
    """'사이트를 쓰다가 디스크 공간이 모자랍니다 (/var/www/edu) → 공간을 비운 뒤 다시 하세요'."""
    message, fix = _EXPLAINED.get(err.errno or 0, (err.strerror or str(err), "파일과 폴더를 확인한 뒤 다시 하세요"))
    where = err.filename or ""
    return f"{doing} {message}" + (f" ({where})" if where else "") + f" → {fix}"


def is_machine_fault(err: BaseException) -> TypeGuard[OSError]:
    return isinstance(err, OSError) and not isinstance(err, (ConnectionError, TimeoutError))
