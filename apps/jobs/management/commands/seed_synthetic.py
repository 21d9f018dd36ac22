"""manage.py seed_synthetic: a reproducible synthetic portfolio for benchmarks."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.jobs.synthetic import (
    BATCH_SIZE,
    SYNTHETIC_NOTE,
    SyntheticDataExists,
    iter_kinds,
    seed_synthetic,
)


class Command(BaseCommand):
    help = (
        "Write a synthetic portfolio for benchmarks: at scale 1, 20 programmes, 2,000 outputs, "
        "10,000 indicators, 100,000 measurements, 10,000 obstacles and 10,000 assessments; "
        f"counts scale linearly. Every record is illustrative ({SYNTHETIC_NOTE}). The same "
        "seed gives the same data. Refuses to run twice unless --replace is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, required=True, help="1 is the full portfolio.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the synthetic programmes of an earlier run first.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, **options) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be above 0.")
        try:
            built = seed_synthetic(
                scale=options["scale"],
                seed=options["seed"],
                replace=options["replace"],
                batch_size=options["batch_size"],
            )
        except SyntheticDataExists as error:
            raise CommandError(str(error)) from error
        for line in iter_kinds(built):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data at scale {options['scale']:g} (seed {options['seed']}) "
                f"written in {built.seconds:.1f} s."
            )
        )
