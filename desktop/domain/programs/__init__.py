"""Lender programs and manufacturer incentives: the data a deal's rate, residual and cash come from.

Programs are plain data handed to the engine (the sandbox seeds them per make; production would load the
lenders' monthly bulletins), so the engine never guesses a rate. A :class:`ProgramSet` answers "which program,
at what rate, for this score and term" and caches the answer, because a payment grid asks the same question
dozens of times per keystroke.

One job per module: :mod:`.incentives`, :mod:`.lenders`, :mod:`.program_set` and the demo data of
:mod:`.defaults`; everything callers use is re-exported here.
"""

from __future__ import annotations

from desktop.domain.programs.defaults import default_programs
from desktop.domain.programs.incentives import DEAL_TYPES, AppliedIncentives, Incentive
from desktop.domain.programs.lenders import FinanceProgram, LeaseProgram
from desktop.domain.programs.program_set import ProgramSet

__all__ = [
    "DEAL_TYPES",
    "AppliedIncentives",
    "FinanceProgram",
    "Incentive",
    "LeaseProgram",
    "ProgramSet",
    "default_programs",
]
