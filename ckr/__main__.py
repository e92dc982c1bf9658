from ckr.launch import main

main()
