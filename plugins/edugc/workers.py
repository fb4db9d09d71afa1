"""Every process pool of the build, from one helper.

The preview's server holds a listening socket. A worker made by fork() inherits every open file of
its parent, that socket included, so a worker still busy (indexing, counting characters) kept the
port after `serve` was stopped and the next `serve` could not open it. Workers started by the
forkserver are forked from a clean process that never held the socket (spawn where there is no
forkserver), and they import what they need by name, as they would in any other fresh process.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def process_pool(max_workers: int) -> ProcessPoolExecutor:
    """A pool whose workers hold none of this process's sockets or files."""
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=_context())
