from argmap.cli.launch import main

main()
