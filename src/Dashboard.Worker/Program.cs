// Placeholder until the worker protocol lands.
return 0;
