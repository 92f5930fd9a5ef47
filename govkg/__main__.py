from govkg.cli import run

run()
