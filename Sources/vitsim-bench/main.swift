print("vitsim-bench")
