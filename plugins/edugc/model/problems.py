"""Author-facing problems: every mistake found in one run, each with file, line and the fix."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""
    col: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" → {self.fix}"
        return text


@dataclass
class Problems:
    """Collects problems so that an editor sees all of them at once, not one per build."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int | None, message: str, fix: str = "", col: int | None = None) -> None:
        self.items.append(Problem(path, line, message, fix, col))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.message))


class ContentError(Exception):
    """Raised when content or data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"내용 오류 {len(problems)}건: 고친 뒤 다시 빌드하세요.\n{lines}")
