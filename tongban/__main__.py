from tongban.cli import main

raise SystemExit(main())
