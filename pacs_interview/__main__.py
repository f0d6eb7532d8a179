from pacs_interview.cli import main

main()
