from argmap.launch import main

main()
