from ckr.cli import main

main()
