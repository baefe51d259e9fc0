"""Undoable library edits: each command changes the library through the façade, keeps what
it needs to reverse the change, and tells the window to refresh."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from library import DeletedArticles, Library, LibraryError, StoryChange

#: ``changed(article_ids)``: the window refreshes and shows these articles (may be empty).
Changed = Callable[[list[int]], None]
#: ``failed(message)``: one line for the user.
Failed = Callable[[str], None]
#: ``runner(text, work, done, failed)``: run ``work()`` off the GUI thread while ``text`` says
#: what goes on and the window takes no input, then ``done(result)`` or ``failed(message)``.
Runner = Callable[[str, Callable[[], list[int]], Changed, Failed], None]

#: Deleting or restoring this many articles or more runs in the background (a thousand take
#: about 0.4 s on the machine the benches run on: long enough for the window to stall).
BACKGROUND_FROM = 200


class _LibraryCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        library: Library,
        changed: Changed,
        failed: Failed,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(text)
        self.library = library
        self._changed = changed
        self._failed = failed
        self._runner = runner

    def _run(self, work: Callable[[], list[int]], busy: str | None = None) -> None:
        """``work()`` now, or through the runner (with ``busy`` as its text) when given both."""
        if busy is not None and self._runner is not None:
            self._runner(busy, work, self._changed, self._failed)
            return
        try:
            shown = work()
        except LibraryError as error:
            # Nothing changed; the command stays on the stack so the user can try again.
            self._failed(str(error))
            return
        self._changed(shown)


class DeleteArticlesCommand(_LibraryCommand):
    """Delete articles; undo puts them back with their ids, stories and annotations."""

    def __init__(
        self,
        library: Library,
        article_ids: Sequence[int],
        changed: Changed,
        failed: Failed,
        runner: Runner | None = None,
    ) -> None:
        count = len(article_ids)
        text = "Delete Article" if count == 1 else f"Delete {count:,} Articles"
        super().__init__(text, library, changed, failed, runner)
        self.article_ids = list(article_ids)
        self.deleted: DeletedArticles | None = None

    def _busy(self, verb: str) -> str | None:
        count = len(self.article_ids)
        return f"{verb} {count:,} articles…" if count >= BACKGROUND_FROM else None

    def redo(self) -> None:
        def work() -> list[int]:
            self.deleted = self.library.delete_articles(self.article_ids)
            return []

        self._run(work, self._busy("Deleting"))

    def undo(self) -> None:
        if self.deleted is None:
            return

        def work() -> list[int]:
            assert self.deleted is not None
            restored = self.library.restore_articles(self.deleted)
            # Should the ids have changed, a redo deletes the restored articles.
            self.article_ids = restored
            return restored

        self._run(work, self._busy("Restoring"))


class StoryChangeCommand(_LibraryCommand):
    """A story edit made by ``change()`` (add to, remove from, delete); undo reverses it."""

    def __init__(
        self,
        text: str,
        library: Library,
        change: Callable[[], StoryChange],
        changed: Changed,
        failed: Failed,
        shown: Sequence[int] = (),
    ) -> None:
        super().__init__(text, library, changed, failed)
        self._change = change
        self._shown = list(shown)
        self.result: StoryChange | None = None

    def redo(self) -> None:
        def work() -> list[int]:
            self.result = self._change()
            return self._shown

        self._run(work)

    def undo(self) -> None:
        if self.result is None:
            return
        result = self.result

        def work() -> list[int]:
            self.library.undo_story_change(result)
            return self._shown

        self._run(work)


class RenameStoryCommand(_LibraryCommand):
    """Rename a story; undo gives it its old name back."""

    def __init__(
        self, library: Library, story_id: int, old: str, new: str, changed: Changed, failed: Failed
    ) -> None:
        super().__init__(f"Rename Story to “{new}”", library, changed, failed)
        self.story_id, self.old, self.new = story_id, old, new

    def redo(self) -> None:
        self._run(lambda: self._rename(self.new))

    def undo(self) -> None:
        self._run(lambda: self._rename(self.old))

    def _rename(self, name: str) -> list[int]:
        self.library.rename_story(self.story_id, name)
        return []


@dataclass(frozen=True)
class OutletFields:
    """The editable fields of an outlet record."""

    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]


class EditOutletCommand(_LibraryCommand):
    """Change an outlet's name, kind, country and aliases; undo restores the old record."""

    def __init__(
        self,
        library: Library,
        outlet_id: int,
        before: OutletFields,
        after: OutletFields,
        changed: Changed,
        failed: Failed,
    ) -> None:
        super().__init__(f"Edit Outlet “{after.name}”", library, changed, failed)
        self.outlet_id, self.before, self.after = outlet_id, before, after

    def redo(self) -> None:
        self._run(lambda: self._apply(self.after))

    def undo(self) -> None:
        self._run(lambda: self._apply(self.before))

    def _apply(self, fields: OutletFields) -> list[int]:
        self.library.update_outlet(
            self.outlet_id,
            name=fields.name,
            kind=fields.kind,
            country=fields.country,
            aliases=fields.aliases,
        )
        # Everything else it is known by now (a former name included) is forgotten.
        extra = set(self.library.outlet_aliases(self.outlet_id)) - set(fields.aliases)
        self.library.remove_outlet_aliases(self.outlet_id, sorted(extra))
        return []
