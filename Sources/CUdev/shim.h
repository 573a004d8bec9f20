// libudev for Swift: Sources/DeviceIO/Discovery wraps it; nothing else includes this.
#ifndef POSAGENT_CUDEV_SHIM_H
#define POSAGENT_CUDEV_SHIM_H
#include <libudev.h>
#endif
